# Two providers: the default one carries the partner id, the aliased one
# for the hub subscription was forgotten.
provider "azurerm" {
  features {}
  partner_id                   = "3f2504e0-4f89-41d3-9a0c-0305e82c3301"
  disable_terraform_partner_id = !var.enable_telemetry
}

provider "azurerm" {
  alias           = "hub"
  subscription_id = var.hub_subscription_id
  features {}
}

variable "enable_telemetry" {
  type    = bool
  default = true
}

variable "hub_subscription_id" {
  type = string
}

resource "azurerm_virtual_network" "hub" {
  provider            = azurerm.hub
  name                = "vnet-hub"
  resource_group_name = "rg-hub"
  location            = "westeurope"
  address_space       = ["10.0.0.0/16"]
}
