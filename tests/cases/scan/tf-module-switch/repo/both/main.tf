# One call switched, another always on: the pid is deployed whatever.
variable "on" {}
module "p" {
  source = "./pid"
  count  = var.on ? 1 : 0
}
module "q" {
  source = "./pid"
}
