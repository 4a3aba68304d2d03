provider "azurerm" {
  features {}
  partner_id = var.partner_id
}
