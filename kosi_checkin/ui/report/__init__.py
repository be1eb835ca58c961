"""Windows for the report: export, signature lists, statistics, marking present afterwards."""
