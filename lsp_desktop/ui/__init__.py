"""Qt user interface, one folder per feature (members/, actions/, ...) and common/ for what they share."""
