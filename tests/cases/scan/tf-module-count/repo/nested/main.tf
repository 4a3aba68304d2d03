module "a" {
  source = "./a"
  count  = 0
}
