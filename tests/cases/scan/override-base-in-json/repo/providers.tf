provider "azurerm" {
  features {}
  partner_id = "a1b2c3d4-0000-4000-8000-000000000001"
}
