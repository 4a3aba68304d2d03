# With providers.tf, two default azurerm configurations: Terraform refuses
# the folder ("Duplicate provider configuration"), so neither the id here
# nor anything else is sent.
provider "azurerm" {
  features {}
  partner_id = "3f2504e0-4f89-41d3-9a0c-0305e82c3301"
}

resource "azurerm_resource_group" "rg" {
  name     = "rg"
  location = "westeurope"
}
