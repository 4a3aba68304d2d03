# substr(x, 0, N) of a known pid start, as ARM reads take().
locals {
  puid = "36dcde81-8c33-4da0-8dc3-265381502ccb"
  name = substr(format("pid-%s_%s", local.puid, random_id.telem.hex), 0, 64)
}

resource "random_id" "telem" {
  byte_length = 4
}

resource "azurerm_subscription_template_deployment" "telemetry" {
  name             = local.name
  location         = "westeurope"
  template_content = "{}"
}
