"""Reading: walks the source and turns files into models."""
