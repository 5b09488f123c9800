"""The Accreditation tab: rounds, self-assessment, GO review, overview and readiness."""
