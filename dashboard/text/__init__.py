"""Numbers and dates written the way a reader of the current language expects them."""
