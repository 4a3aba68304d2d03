# A switched call above an unconditional one: switched all the way down.
variable "on" {}
module "a" {
  source = "./a"
  count  = var.on ? 1 : 0
}
