provider "azurerm" {
  features {}
  partner_id = "5c3b8d4e-2a1f-4e6b-9c7d-8e0f1a2b3c4d"
}
