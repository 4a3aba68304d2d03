provider "azurerm" {
  partner_id = "contoso-partner"
}
