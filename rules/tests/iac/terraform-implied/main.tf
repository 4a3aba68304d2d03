# The partner_id sits on an aliased provider that nothing selects: the
# resource group uses the default azurerm configuration, which has no
# block here, so Terraform's empty one applies and sends no partner_id.
provider "azurerm" {
  alias      = "hub"
  partner_id = "3f2504e0-4f89-41d3-9a0c-0305e82c3301"
  features {}
}

resource "azurerm_resource_group" "rg" {
  name     = "rg-app"
  location = "westeurope"
}
