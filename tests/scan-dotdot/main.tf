module "p" {
  source = "./pid"
  count = 0
}
