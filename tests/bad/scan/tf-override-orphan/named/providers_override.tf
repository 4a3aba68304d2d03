module "pid" {
  count = 0
}
