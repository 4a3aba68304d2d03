provider "azurerm" {
  features {}
  partner_id = "<GUID>"
}
