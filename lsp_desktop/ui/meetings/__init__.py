"""The Meetings tab: meetings of the board and its groups, their editor and the decisions log."""
