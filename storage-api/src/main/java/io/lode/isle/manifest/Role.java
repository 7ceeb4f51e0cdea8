package io.lode.isle.manifest;

/** Who commits to a database's manifest log; each role has its own chain of fence claims. */
public enum Role {
    WRITER("writer"),
    COMPACTOR("compactor");

    private final String json;

    Role(String json) {
        this.json = json;
    }

    /** The name in JSON objects. */
    public String json() {
        return json;
    }

    static Role fromJson(String name) {
        for (Role r : values()) {
            if (r.json.equals(name)) {
                return r;
            }
        }
        return null;
    }
}
