variable "telemetry" {
  type    = bool
  default = false
}

module "pid" {
  source = "./pid"
  count  = var.telemetry ? 1 : 0
}
