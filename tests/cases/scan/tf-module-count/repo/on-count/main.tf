module "pid" {
  source = "./pid"
  count  = 1
}
