"""Reports: the view a user asked for, parsed once, and the figures every output draws."""
