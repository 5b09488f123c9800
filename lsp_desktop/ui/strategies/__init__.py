"""The Strategy drafts tab: draft and section editor, versions, targets, neighbourhoods."""
