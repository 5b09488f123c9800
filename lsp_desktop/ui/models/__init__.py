"""One QAbstractTableModel per record type; models never query."""
