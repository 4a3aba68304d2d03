module "p" {
  source = "./pid"
}
