provider "azurerm" {
  features {}
  partner_id = "pid-tailspin-analytics-partnercenter"
}

resource "azurerm_resource_group" "rg" {
  name     = "rg-tailspin"
  location = "westeurope"
}
