resource x = {
