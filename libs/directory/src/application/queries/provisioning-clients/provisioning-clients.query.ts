/** Every provisioning client (revoked ones included), oldest first. */
export class ProvisioningClientsQuery {}
