public enum Dummy {}
