# A call the deployer switches: var.on has no default.
variable "on" {}
module "p" {
  source = "./pid"
  count  = var.on ? 1 : 0
}
