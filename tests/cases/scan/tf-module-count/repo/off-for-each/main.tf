module "pid" {
  source   = "./pid"
  for_each = {}
}
