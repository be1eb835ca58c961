"""Read registration lists (CSV, XLSX) from registration tools and office lists."""
