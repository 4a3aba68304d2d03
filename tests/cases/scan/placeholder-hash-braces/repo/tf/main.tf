provider "azurerm" {
  features {}
  partner_id = "#{PID}#"
}
