package io.rasfleet.api;

import io.rasfleet.worker.Secrets;
import io.rasfleet.worker.WorkerConfigException;
import java.lang.reflect.InvocationTargetException;

/**
 * Worker passwords from a WildFly Elytron credential store of the running server (by default the
 * one named {@code rasfleet}; {@code -Drasfleet.credential.store=NAME}), by alias. Reached through
 * the server's service container, by reflection on the modules that {@code MANIFEST.MF} makes
 * visible, so that the WAR compiles against the Jakarta EE API alone.
 */
final class CredentialStoreSecrets implements Secrets {

    private final String store;

    CredentialStoreSecrets(String store) {
        this.store = store;
    }

    static CredentialStoreSecrets configured() {
        return new CredentialStoreSecrets(io.rasfleet.config.ServerConfig.credentialStore());
    }

    @Override
    public char[] password(String alias) {
        Object credentialStore = credentialStore();
        try {
            Class<?> passwordCredential = Class.forName("org.wildfly.security.credential.PasswordCredential");
            Class<?> storeType = Class.forName("org.wildfly.security.credential.store.CredentialStore");
            Object credential = storeType.getMethod("retrieve", String.class, Class.class).invoke(credentialStore, alias,
                    passwordCredential);
            if (credential == null) {
                throw new WorkerConfigException("credential_alias", "credential store '" + store + "' holds no password under alias '"
                        + alias + "'; add it with /subsystem=elytron/credential-store=" + store + ":add-alias(alias=" + alias
                        + ", secret-value=...)");
            }
            Object password = passwordCredential.getMethod("getPassword").invoke(credential);
            Class<?> clear = Class.forName("org.wildfly.security.password.interfaces.ClearPassword");
            if (!clear.isInstance(password)) {
                throw new WorkerConfigException("credential_alias", "alias '" + alias + "' of credential store '" + store
                        + "' does not hold a clear password");
            }
            return (char[]) clear.getMethod("getPassword").invoke(password);
        } catch (InvocationTargetException e) {
            throw new WorkerConfigException("credential_alias", "reading alias '" + alias + "' from credential store '" + store
                    + "' failed: " + e.getCause().getClass().getSimpleName());
        } catch (ReflectiveOperationException e) {
            throw new WorkerConfigException("credential_alias", "WildFly's credential store API is not reachable from rasfleet: "
                    + e);
        }
    }

    @Override
    public void keep(String alias, char[] password) {
        try {
            Object credentialStore;
            try {
                credentialStore = credentialStore();
            } catch (WorkerConfigException e) {
                throw new WorkerConfigException("password", "a password cannot be kept: " + e.getMessage());
            }
            Class<?> clear = Class.forName("org.wildfly.security.password.interfaces.ClearPassword");
            Class<?> passwordType = Class.forName("org.wildfly.security.password.Password");
            Object clearPassword = clear.getMethod("createRaw", String.class, char[].class).invoke(null, "clear", password.clone());
            Object credential = Class.forName("org.wildfly.security.credential.PasswordCredential").getConstructor(passwordType)
                    .newInstance(clearPassword);
            Class<?> storeType = Class.forName("org.wildfly.security.credential.store.CredentialStore");
            Class<?> credentialType = Class.forName("org.wildfly.security.credential.Credential");
            storeType.getMethod("store", String.class, credentialType).invoke(credentialStore, alias, credential);
            storeType.getMethod("flush").invoke(credentialStore);
        } catch (InvocationTargetException e) {
            // the cause's type only: its message could quote what was being stored
            throw new WorkerConfigException("password", "keeping alias '" + alias + "' in credential store '" + store
                    + "' failed: " + e.getCause().getClass().getSimpleName());
        } catch (ReflectiveOperationException e) {
            throw new WorkerConfigException("password", "WildFly's credential store API is not reachable from rasfleet: " + e);
        } finally {
            java.util.Arrays.fill(password, '\0');
        }
    }

    private Object credentialStore() {
        try {
            Object container = Class.forName("org.jboss.as.server.CurrentServiceContainer").getMethod("getServiceContainer")
                    .invoke(null);
            Class<?> serviceName = Class.forName("org.jboss.msc.service.ServiceName");
            Object name = serviceName.getMethod("parse", String.class).invoke(null, "org.wildfly.security.credential-store." + store);
            Object controller = Class.forName("org.jboss.msc.service.ServiceRegistry").getMethod("getService", serviceName)
                    .invoke(container, name);
            if (controller == null) {
                throw new WorkerConfigException("credential_alias", "the server has no credential store '" + store + "': add one"
                        + " with /subsystem=elytron/credential-store=" + store + ":add(location=..., create=true,"
                        + " credential-reference={clear-text=...})");
            }
            return Class.forName("org.jboss.msc.service.ServiceController").getMethod("getValue").invoke(controller);
        } catch (InvocationTargetException e) {
            throw new WorkerConfigException("credential_alias", "credential store '" + store + "' is not available: "
                    + e.getCause().getMessage());
        } catch (ReflectiveOperationException e) {
            throw new WorkerConfigException("credential_alias", "WildFly's service container is not reachable from rasfleet: " + e);
        }
    }
}
