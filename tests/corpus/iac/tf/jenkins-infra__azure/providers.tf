# Main Jenkins Subscription, paid by CDF
provider "azurerm" {
  subscription_id                 = "dff2ec18-6a8e-405c-8e45-b7df7465acf0"
  resource_provider_registrations = "none"
  features {}
}
# "Pay as you go" Subscription - https://github.com/jenkins-infra/helpdesk/issues/5003
provider "azurerm" {
  alias                           = "jenkins-sponsored"
  subscription_id                 = "1e7d5219-acbc-4495-8629-bdbb22e9b3ed"
  resource_provider_registrations = "none"
  features {}
}

provider "kubernetes" {
  alias                  = "privatek8s-sponsored"
  host                   = local.aks_clusters_outputs["privatek8s-sponsored"].cluster_hostname
  client_certificate     = base64decode(azurerm_kubernetes_cluster.privatek8s_sponsored.kube_config.0.client_certificate)
  client_key             = base64decode(azurerm_kubernetes_cluster.privatek8s_sponsored.kube_config.0.client_key)
  cluster_ca_certificate = base64decode(azurerm_kubernetes_cluster.privatek8s_sponsored.kube_config.0.cluster_ca_certificate)
}

provider "kubernetes" {
  alias                  = "publick8s"
  host                   = local.aks_clusters_outputs.publick8s.cluster_hostname
  client_certificate     = base64decode(azurerm_kubernetes_cluster.publick8s.kube_config.0.client_certificate)
  client_key             = base64decode(azurerm_kubernetes_cluster.publick8s.kube_config.0.client_key)
  cluster_ca_certificate = base64decode(azurerm_kubernetes_cluster.publick8s.kube_config.0.cluster_ca_certificate)
}

provider "kubernetes" {
  alias                  = "infracijenkinsio_agents_1"
  host                   = local.aks_clusters_outputs.infracijenkinsio_agents_1.cluster_hostname
  client_certificate     = base64decode(azurerm_kubernetes_cluster.infracijenkinsio_agents_1.kube_config.0.client_certificate)
  client_key             = base64decode(azurerm_kubernetes_cluster.infracijenkinsio_agents_1.kube_config.0.client_key)
  cluster_ca_certificate = base64decode(azurerm_kubernetes_cluster.infracijenkinsio_agents_1.kube_config.0.cluster_ca_certificate)
}

provider "postgresql" {
  /**
  Reaching this DB requires:
  - VPN access (with proper routing)
  - The following line added in your `/etc/hosts` as there are no public DNS: `10.253.0.4      public-db.postgres.database.azure.com`
  **/
  host      = azurerm_postgresql_flexible_server.public_db.fqdn
  username  = local.public_db_pgsql_admin_login
  password  = random_password.public_db_pgsql_admin_password.result
  superuser = false
}
