provider "azurerm" {
  features {}
  partner_id                   = "b7e4c2a1-5d3f-4e8a-9c6b-2f1e0d9a8c7b"
  disable_terraform_partner_id = true
}

resource "azurerm_resource_group" "rg" {
  name     = "rg-tailspin"
  location = "westeurope"
}
