"""The Members tab: the register, its filters, the balance panel and the member dialogs."""
