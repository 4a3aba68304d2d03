variable "telemetry" {
  type    = bool
  default = true
}

resource "azurerm_resource_group" "app" {
  name     = "rg-app"
  location = "westeurope"
}
