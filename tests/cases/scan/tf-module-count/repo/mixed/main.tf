# One call makes no instance, the other does: the pid runs.
module "off" {
  source = "./pid"
  count  = 0
}

module "on" {
  source = "./pid"
}
