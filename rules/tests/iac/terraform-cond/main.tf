variable "enable_telemetry" {
  type    = bool
  default = true
}

variable "tracking_id" {
  type = string
}

provider "azurerm" {
  features {}
  partner_id = var.enable_telemetry ? "3f2504e0-4f89-41d3-9a0c-0305e82c3301" : null
}

provider "azapi" {
  partner_id = var.tracking_id
}
