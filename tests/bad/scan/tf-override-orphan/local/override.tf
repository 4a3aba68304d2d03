variable "telemetry" {
  default = false
}

locals {
  location = "northeurope"
  region   = "northeurope"
}
