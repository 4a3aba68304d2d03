provider "azurerm" {
  features {}
  partner_id = var.p
}
