"""The places stage: toponyms resolved to GeoNames."""
