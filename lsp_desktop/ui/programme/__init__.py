"""The Programme tab: NRF and other funds by theme and project, quarter by quarter; target values."""
