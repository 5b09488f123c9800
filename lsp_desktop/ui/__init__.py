"""Qt user interface, one folder per feature (members/, actions/, ...) and common/ for what they share."""

from lsp_desktop.ui.common.feature_check import lighten_feature_check

lighten_feature_check()
