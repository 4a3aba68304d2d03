provider "azurerm" {
  features {}
  partner_id = "pid-11111111-1111-1111-1111-111111111111"
}
