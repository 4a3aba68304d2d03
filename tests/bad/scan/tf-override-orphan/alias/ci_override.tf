provider "azurerm" {
  alias      = "hub"
  partner_id = "dc5b73fd-e93c-40ca-8fef-976762d1b1a1"
}
