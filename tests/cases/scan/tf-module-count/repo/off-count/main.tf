# No instance of the module: its pid deployment never runs.
module "pid" {
  source = "./pid"
  count  = 0
}
