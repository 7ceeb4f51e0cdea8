package io.lode.isle.manifest;

/**
 * Who commits to a database's manifest log. Each role has its own chain of fence claims, so a claim
 * fences only earlier claimants of its own role: the writer, the merge compactor and the retention
 * compactor commit side by side.
 */
public enum Role {
    WRITER("writer"),
    COMPACTOR("compactor"),
    RETENTION("retention");

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
