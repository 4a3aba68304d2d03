variable "telemetry" {
  type = bool
  default = true
}

provider "azurerm" {
  features {}
  partner_id = "3f2504e0-4f89-41d3-9a0c-0305e82c3301"
}

resource "azurerm_subscription_template_deployment" "telemetry" {
  name             = !var.telemetry ? "pid-3f2504e0-4f89-41d3-9a0c-0305e82c3301" : "no-telemetry"
  location         = "westeurope"
  template_content = "{}"
}
