// Deployed only for its name.
