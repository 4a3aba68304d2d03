variable "telemetry" {
  type    = bool
  default = true
}

locals {
  location = "westeurope"
}

provider "azurerm" {
  features {}
  partner_id = "3f2504e0-4f89-41d3-9a0c-0305e82c3301"
}
