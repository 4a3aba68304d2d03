targetScope = 'subscription'
